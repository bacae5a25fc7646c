import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { USER_ROLES, type UserRole } from '../codes';

/** Largest page any list call returns. */
export const MAX_PAGE_SIZE = 100;

/** The authenticated caller, as the gateway read it from the JWT. */
export class RequesterDto {
  @IsUUID()
  userId!: string;

  @IsIn(USER_ROLES)
  role!: UserRole;
}

/** Paging of list calls; the answering service picks the default page size. */
export class PageRequest {
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PAGE_SIZE)
  limit?: number;

  @IsOptional()
  @IsInt()
  @Min(0)
  offset?: number;
}

/** One page of a list and the size of the whole list. */
export interface Page<T> {
  readonly items: readonly T[];
  readonly total: number;
}
