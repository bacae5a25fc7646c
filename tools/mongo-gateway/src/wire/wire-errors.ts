/**
 * The byte stream cannot be trusted any more (bad length, checksum, unknown opcode): the only
 * safe answer is to close the connection.
 */
export class FatalWireError extends Error {
  override readonly name = 'FatalWireError';
}

/**
 * One well-framed message has a bad body: it is answered with an error reply and the
 * connection keeps working.
 */
export class MalformedMessageError extends Error {
  override readonly name = 'MalformedMessageError';
}
