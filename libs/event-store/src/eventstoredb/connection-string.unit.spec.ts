import { clientConnectionStringOf, shownConnectionString, withoutPassword } from './connection-string';

describe('EventStoreDB connection strings', () => {
  it.each([
    ['esdb://127.0.0.1:2113?tls=false', 'esdb://127.0.0.1:2113?tls=false'],
    ['kurrentdb://admin:changeit@node1:2113,node2:2113?tls=true', 'esdb://admin:changeit@node1:2113,node2:2113?tls=true'],
    ['kurrentdb+discover://cluster.example:2113', 'esdb+discover://cluster.example:2113'],
    ['KDB://localhost:2113', 'esdb://localhost:2113'],
  ])('given %p, when handed to the client, then it reads %p', (url, client) => {
    expect(clientConnectionStringOf(url)).toBe(client);
  });

  it.each(['postgres://x@y/z', 'http://localhost:2113', '127.0.0.1:2113'])('given %p, then it is refused naming no password', (url) => {
    expect(() => clientConnectionStringOf(url)).toThrow('is not an esdb:// or kurrentdb:// connection string');
  });

  it('given credentials, when shown, then the password is masked and the rest kept', () => {
    expect(shownConnectionString('esdb://admin:s3cr%40t!@node1:2113,node2:2113?tls=false')).toBe('esdb://admin:****@node1:2113,node2:2113?tls=false');
    expect(shownConnectionString('esdb://127.0.0.1:2113?tls=false')).toBe('esdb://127.0.0.1:2113?tls=false');
  });

  it('given an error message quoting the password, when cleaned, then it is masked', () => {
    expect(withoutPassword('bad string esdb://admin:hunter2@x:2113', 'esdb://admin:hunter2@x:2113')).toBe('bad string esdb://admin:****@x:2113');
  });
});
