export * from './projection';
export * from './projection-runner';
export * from './row-writer';
export * from './provenance/provenance-facts.projection';
export * from './provenance/provenance-facts.schema';
export * from './provenance/provenance.queries';
export * from './provenance/provenance.view';
export * from './projections.module';
