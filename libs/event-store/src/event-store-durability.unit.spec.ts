import { loadConfig } from '@provenance/config';
import { eventStoreDurabilityWarning } from './event-store.module';

describe('what start-up says about the log\'s durability', () => {
  it('given the embedded store with PROVENANCE_EMBEDDED_SYNC=off, then start-up warns that acknowledged facts can be lost', () => {
    expect(eventStoreDurabilityWarning(loadConfig({ PROVENANCE_EMBEDDED_SYNC: 'off' }))).toMatch(
      /^PROVENANCE_EMBEDDED_SYNC=off: .*power cut or OS crash can lose acknowledged facts/,
    );
  });

  it('given the default (sync on), or PostgreSQL, then there is nothing to warn about', () => {
    expect(eventStoreDurabilityWarning(loadConfig({}))).toBeUndefined();
    expect(eventStoreDurabilityWarning(loadConfig({ DATABASE_URL: 'postgres://postgres@127.0.0.1:5432/x', PROVENANCE_EMBEDDED_SYNC: 'off' }))).toBeUndefined();
  });
});
