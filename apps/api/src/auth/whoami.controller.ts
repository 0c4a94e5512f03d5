import { Controller, Get, Inject } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ROLES } from '@provenance/config';
import { Allow } from './allow.decorator';
import { CurrentPrincipal } from './principal.decorator';
import { Principal } from './roles';
import { TOKEN_REGISTRY, TokenRegistry } from './token-registry';
import { WhoamiAnswer } from './whoami-answer.dto';
import { Refuses } from '../http/routes';

/** Who the caller is, so a page shows only what its roles may do (the web app's promote button). */
@ApiTags('auth')
@ApiBearerAuth()
@Controller('api/v1/whoami')
export class WhoamiController {
  constructor(@Inject(TOKEN_REGISTRY) private readonly tokens: TokenRegistry) {}

  @Get()
  @Allow([...ROLES])
  @Refuses([401])
  @ApiOkResponse({ type: WhoamiAnswer })
  whoami(@CurrentPrincipal() principal: Principal): WhoamiAnswer {
    return { name: principal.name, roles: principal.roles, tokensRequired: this.tokens.enabled };
  }
}
