import { settingsStatements } from './sql-connection';

describe('the SET LOCAL statements a transaction starts with', () => {
  it('given no settings, then there are none', () => {
    expect(settingsStatements()).toBe('');
    expect(settingsStatements({})).toBe('');
  });

  it('given an idle timeout and synchronous commit off, then both are set for this transaction only', () => {
    expect(settingsStatements({ idleTimeoutMs: 10_000, synchronousCommit: 'off' })).toBe(
      'SET LOCAL idle_in_transaction_session_timeout = 10000; SET LOCAL synchronous_commit = off',
    );
  });

  it.each([1.5, -1, Number.NaN, '5; DROP TABLE events' as unknown as number])('given the idle timeout %p, then it is refused, naming the setting', (idleTimeoutMs) => {
    expect(() => settingsStatements({ idleTimeoutMs })).toThrow(/idleTimeoutMs must be a whole number of milliseconds/);
  });
});
