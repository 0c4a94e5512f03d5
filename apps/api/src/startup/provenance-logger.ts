import { ConsoleLogger, LogLevel } from '@nestjs/common';

/** Nest's own start-up lines: a line per module and per route, fifty and more on every start. */
const START_UP_CHATTER = new Set(['NestFactory', 'InstanceLoader', 'RoutesResolver', 'RouterExplorer', 'NestApplication']);

/**
 * Nest's console logger, less its start-up chatter: at PROVENANCE_LOG_LEVEL=info (the default)
 * a start prints what the service says about itself; `debug` prints everything, Nest's lines too.
 */
export class ProvenanceLogger extends ConsoleLogger {
  constructor(private readonly level: 'info' | 'debug') {
    super({ logLevels: (level === 'debug' ? ['error', 'warn', 'log', 'debug', 'verbose'] : ['error', 'warn', 'log']) satisfies LogLevel[] });
  }

  override log(message: unknown, ...rest: unknown[]): void {
    const context = rest.at(-1);
    if (this.level === 'info' && typeof context === 'string' && START_UP_CHATTER.has(context)) return;
    super.log(message, ...rest);
  }
}
