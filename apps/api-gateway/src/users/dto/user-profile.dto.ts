import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { USER_ROLES, type Address, type UserProfile, type UserRole } from '@polyshop/contracts';

export class AddressResponse implements Address {
  @ApiProperty()
  line1!: string;

  @ApiPropertyOptional()
  line2?: string;

  @ApiProperty()
  city!: string;

  @ApiProperty()
  postalCode!: string;

  @ApiProperty({ example: 'FR' })
  country!: string;

  @ApiPropertyOptional({ example: '+33612345678' })
  phone?: string;
}

/** The caller's own profile, PII decrypted by user-service for its owner. */
export class UserProfileResponse implements UserProfile {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty()
  email!: string;

  @ApiProperty()
  name!: string;

  @ApiProperty({ enum: USER_ROLES })
  role!: UserRole;

  @ApiProperty({ type: AddressResponse, nullable: true })
  address!: AddressResponse | null;

  @ApiProperty({ format: 'date-time' })
  createdAt!: string;
}
