import {
  IsEmail,
  IsISO31661Alpha2,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  MaxLength,
  MinLength,
} from 'class-validator';
import type { UserRole } from '../codes';
import { IsNested } from '../validation/field-decorators';
import { defineRpc } from './rpc-definition';

/** Postal address; stored encrypted (PII). `phone` is the delivery contact, E.164. */
export class AddressDto {
  @IsString()
  @Length(1, 200)
  line1!: string;

  @IsOptional()
  @IsString()
  @MaxLength(200)
  line2?: string;

  @IsString()
  @Length(1, 100)
  city!: string;

  @IsString()
  @Length(1, 20)
  postalCode!: string;

  /** ISO 3166-1 alpha-2 country code, e.g. `FR`. */
  @IsISO31661Alpha2()
  country!: string;

  @IsOptional()
  @Matches(/^\+[1-9]\d{6,14}$/, { message: '$property must be an E.164 number like +33612345678' })
  phone?: string;
}

/** Plain form of `AddressDto` in replies. */
export interface Address {
  readonly line1: string;
  readonly line2?: string;
  readonly city: string;
  readonly postalCode: string;
  readonly country: string;
  readonly phone?: string;
}

/** `rpc.users.register` (POST /auth/register). */
export class RegisterUserRequest {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @Length(8, 128)
  password!: string;

  @IsString()
  @Length(1, 100)
  name!: string;

  @IsOptional()
  @IsNested(() => AddressDto)
  address?: AddressDto;
}

/** Reply of `rpc.users.register`. */
export interface RegisteredUser {
  readonly id: string;
  readonly email: string;
  readonly name: string;
}

/** `rpc.users.login`: checks credentials; the gateway issues the token. */
export class LoginRequest {
  @IsEmail()
  @MaxLength(254)
  email!: string;

  @IsString()
  @MinLength(1)
  @MaxLength(128)
  password!: string;
}

/** Reply of `rpc.users.login`: whom the credentials belong to. */
export interface AuthenticatedUser {
  readonly userId: string;
  readonly role: UserRole;
}

/** `rpc.users.get-profile` (GET /users/me). */
export class GetProfileRequest {
  @IsUUID()
  userId!: string;
}

/** Reply of `rpc.users.get-profile`: PII decrypted, for its owner only. */
export interface UserProfile {
  readonly id: string;
  readonly email: string;
  readonly name: string;
  readonly role: UserRole;
  readonly address: Address | null;
  readonly createdAt: string;
}

/** Calls answered by user-service. */
export const USERS_RPC = {
  'rpc.users.register': defineRpc<RegisterUserRequest, RegisteredUser>(
    'user-service',
    RegisterUserRequest,
  ),
  'rpc.users.login': defineRpc<LoginRequest, AuthenticatedUser>('user-service', LoginRequest),
  'rpc.users.get-profile': defineRpc<GetProfileRequest, UserProfile>(
    'user-service',
    GetProfileRequest,
  ),
} as const;
