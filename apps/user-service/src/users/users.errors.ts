import { DomainError } from '@polyshop/service-runtime';

export class EmailTakenError extends DomainError {
  readonly code = 'USER.EMAIL_TAKEN';
  constructor() {
    super('An account with this email already exists');
  }
}

/** The same error, message and all, for an unknown email and for a wrong password. */
export class InvalidCredentialsError extends DomainError {
  readonly code = 'AUTH.INVALID_CREDENTIALS';
  constructor() {
    super('Email or password is wrong');
  }
}

export class UserNotFoundError extends DomainError {
  readonly code = 'USER.NOT_FOUND';
  constructor() {
    super('No such user');
  }
}
