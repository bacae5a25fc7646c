/**
 * Whether a NATS subject pattern covers a subject, as the server matches permissions: `*` is one
 * token, a final `>` one or more tokens.
 */
export function matchesSubject(pattern: string, subject: string): boolean {
  const wanted = pattern.split('.');
  const tokens = subject.split('.');
  for (const [index, token] of wanted.entries()) {
    if (token === '>') return tokens.length > index;
    if (index >= tokens.length || (token !== '*' && token !== tokens[index])) return false;
  }
  return wanted.length === tokens.length;
}
