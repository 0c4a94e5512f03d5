import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { loadConfig } from '@provenance/config';
import { EVENT_STORE, EventStore } from '@provenance/event-store';
import { WorkerModule } from '../../apps/api/src/worker.module';

/**
 * The pipeline worker, which also kills itself (SIGKILL) at random right after an append
 * has committed: the moment an effect is durable but its checkpoint is not, which random
 * kills from outside rarely hit. CRASH_AFTER_APPEND_CHANCE is the chance per append.
 */
async function main(): Promise<void> {
  const chance = Number(process.env.CRASH_AFTER_APPEND_CHANCE ?? '0');
  const app = await NestFactory.createApplicationContext(WorkerModule.forRoot(loadConfig()), { logger: ['error', 'warn'] });
  const store = app.get<EventStore>(EVENT_STORE);
  const append = store.appendToStream.bind(store);
  store.appendToStream = async (...args) => {
    const result = await append(...args);
    if (Math.random() < chance) process.kill(process.pid, 'SIGKILL');
    return result;
  };
  console.log('driving the pipeline');
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
