/**
 * The deployment pipeline the service watches over: which packages trigger it, where images
 * are verified, where only release candidates may go, and how long each stage may take.
 */
export interface PipelineDefinition {
  /** The leaf packages whose passed builds, together, trigger pinning (the paper's six). */
  leafPackages: string[];
  verificationEnvironments: string[];
  productionEnvironments: string[];
  /** Longest wait for each stage's result, in seconds. */
  stageTimeouts: Record<PipelineStage, number>;
}

export const PIPELINE_STAGES = ['package-build', 'pinning', 'candidate-build', 'aqf-run'] as const;
export type PipelineStage = (typeof PIPELINE_STAGES)[number];

/** The paper's pipeline. */
export const DEFAULT_PIPELINE: PipelineDefinition = {
  leafPackages: ['katcomp', 'katobs', 'katportal', 'katproxy', 'katsim', 'katuilib'],
  verificationEnvironments: ['aqf-1', 'aqf-2'],
  productionEnvironments: ['site'],
  stageTimeouts: { 'package-build': 3_600, pinning: 1_800, 'candidate-build': 7_200, 'aqf-run': 14_400 },
};

const NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/;
const DURATION = /^(\d+)\s*(s|m|h)$/;
const SECONDS = { s: 1, m: 60, h: 3_600 } as const;

/**
 * Checks a parsed pipeline file (YAML or JSON) and fills in defaults for what it leaves out.
 * Returns every problem, each naming the field and what it expects.
 */
export function pipelineDefinitionOf(raw: unknown): { definition?: PipelineDefinition; problems: string[] } {
  const problems: string[] = [];
  if (raw === null || raw === undefined) return { definition: DEFAULT_PIPELINE, problems };
  if (typeof raw !== 'object' || Array.isArray(raw)) return { problems: ['the pipeline file must be a mapping with leafPackages, verificationEnvironments, productionEnvironments, stageTimeouts'] };
  const given = raw as Record<string, unknown>;
  for (const key of Object.keys(given)) {
    if (!['leafPackages', 'verificationEnvironments', 'productionEnvironments', 'stageTimeouts'].includes(key)) {
      problems.push(`${key}: unknown setting (known: leafPackages, verificationEnvironments, productionEnvironments, stageTimeouts)`);
    }
  }
  const names = (field: keyof PipelineDefinition) => {
    const value = given[field] ?? DEFAULT_PIPELINE[field];
    if (!Array.isArray(value) || value.length === 0) {
      problems.push(`${field}: must be a non-empty list of names`);
      return [];
    }
    value.forEach((name, index) => {
      if (typeof name !== 'string' || !NAME.test(name)) problems.push(`${field}[${index}]: ${JSON.stringify(name)} is not a lowercase name (a-z, 0-9, . _ -)`);
    });
    if (new Set(value).size !== value.length) problems.push(`${field}: lists a name twice`);
    return value as string[];
  };
  const leafPackages = names('leafPackages');
  const verificationEnvironments = names('verificationEnvironments');
  const productionEnvironments = names('productionEnvironments');
  const both = verificationEnvironments.filter((environment) => productionEnvironments.includes(environment));
  if (both.length > 0) problems.push(`productionEnvironments: ${both.join(', ')} cannot also be a verification environment`);

  const stageTimeouts = { ...DEFAULT_PIPELINE.stageTimeouts };
  const timeouts = given.stageTimeouts ?? {};
  if (typeof timeouts !== 'object' || Array.isArray(timeouts) || timeouts === null) {
    problems.push('stageTimeouts: must be a mapping of stage to a duration such as 30m or 2h');
  } else {
    for (const [stage, value] of Object.entries(timeouts)) {
      if (!(PIPELINE_STAGES as readonly string[]).includes(stage)) {
        problems.push(`stageTimeouts.${stage}: unknown stage (known: ${PIPELINE_STAGES.join(', ')})`);
        continue;
      }
      const match = typeof value === 'string' ? DURATION.exec(value.trim()) : null;
      const seconds = match ? Number(match[1]) * SECONDS[match[2] as keyof typeof SECONDS] : typeof value === 'number' ? value : NaN;
      if (!Number.isInteger(seconds) || seconds <= 0) problems.push(`stageTimeouts.${stage}: ${JSON.stringify(value)} is not a duration such as 90s, 30m or 2h`);
      else stageTimeouts[stage as PipelineStage] = seconds;
    }
  }
  if (problems.length > 0) return { problems };
  return { definition: { leafPackages, verificationEnvironments, productionEnvironments, stageTimeouts }, problems };
}
