import { ApiProperty } from '@nestjs/swagger';
import { ROLES, type Role } from '@provenance/config';

/** Who the caller is: the token's name and roles. */
export class WhoamiAnswer {
  /** The token's name; `local` when the server has no tokens. */
  name!: string;
  @ApiProperty({ enum: ROLES, isArray: true })
  roles!: Role[];
  /** False when the server has no tokens: every local caller is admin. */
  tokensRequired!: boolean;
}
