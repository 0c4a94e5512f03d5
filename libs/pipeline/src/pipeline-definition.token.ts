/** Nest injection token for the PipelineDefinition the sagas follow. */
export const PIPELINE_DEFINITION = Symbol('PipelineDefinition');
