export * from './provenance-config';
export * from './http-hosts';
