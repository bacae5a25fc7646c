import { ApiProperty } from '@nestjs/swagger';
import { AddressDto, RegisterUserRequest, type RegisteredUser } from '@polyshop/contracts';
import { documentFields } from '../../docs/document-fields';

/** Validation from the contract's `AddressDto`; the OpenAPI schema below. */
export class AddressBody extends AddressDto {}
documentFields(AddressBody, {
  line1: { maxLength: 200, example: '1 rue de la Paix' },
  line2: { required: false, maxLength: 200 },
  city: { maxLength: 100, example: 'Paris' },
  postalCode: { maxLength: 20, example: '75002' },
  country: { description: 'ISO 3166-1 alpha-2', example: 'FR' },
  phone: { required: false, description: 'E.164', example: '+33612345678' },
});

/** `POST /auth/register`: the rules of `rpc.users.register`. */
export class RegisterBody extends RegisterUserRequest {}
documentFields(RegisterBody, {
  email: { format: 'email', maxLength: 254, example: 'ada@example.com' },
  password: { minLength: 8, maxLength: 128, example: 'correct horse battery' },
  name: { maxLength: 100, example: 'Ada Lovelace' },
  address: { required: false, type: AddressBody },
});

export class RegisteredUserResponse implements RegisteredUser {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ example: 'ada@example.com' })
  email!: string;

  @ApiProperty({ example: 'Ada Lovelace' })
  name!: string;
}
