export * from './provenance-config';
