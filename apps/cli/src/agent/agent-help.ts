import type { PipelineStage } from '@provenance/domain';
import { STAGE_OUTPUT_LINES } from './stage-outputs';

const shape = (stage: PipelineStage) => STAGE_OUTPUT_LINES[stage].join('\n      ');

export const AGENT_HELP = `
Lets a Jenkins job answer one stage of the pipeline without Kafka code. For each request of
the stage on the requests topic, one at a time, the agent:

 1. runs  sh -c "<command>"  with the request (the topic's JSON message) on stdin, the agent's
    environment, and:
      PROVENANCE_REQUEST_ID, PROVENANCE_STAGE, PROVENANCE_RUN_ID (empty outside a pipeline run)
      package-build    PROVENANCE_PACKAGE, PROVENANCE_INPUTS (package==version,...)
      pinning          PROVENANCE_BUILDS (package==version,...)
      candidate-build  PROVENANCE_PINNED_SET_ID
      aqf-run          PROVENANCE_IMAGE_DIGEST, PROVENANCE_ENVIRONMENT
    The command's stderr is the agent's; its stdout is its answer.
 2. records the fact that answers the request, naming the request id, from the JSON object
    the command prints on stdout (its last line, if there are several) and its exit code.
    package-build: the command prints
      ${shape('package-build')}
      The agent adds package and builtAgainst (the request's inputs). Exit 0 records a
      passed build (it needs artifact), any other exit a failed one. finishedAt defaults to
      when the command ended.
    pinning: the command prints
      ${shape('pinning')}
      The agent adds builds (the request's); name defaults to pinned-<runId>. A non-zero
      exit records nothing.
    candidate-build: the command prints
      ${shape('candidate-build')}
      The agent adds pinnedSetId (the request's); bakedAt defaults to when the command
      ended. A non-zero exit records nothing.
    aqf-run: the command prints
      ${shape('aqf-run')}
      The agent records the run's start (imageDigest and environment from the request; runId
      defaults to aqf-<last part of the request id>, startedAt to when the command started),
      then its result: outcome defaults to the exit code's (0 passed, 1 failed, any other
      error), skipped to 0, completedAt to when the command ended.
 3. commits the request's offset and takes the next.

Output it cannot record (not JSON, a field missing) is reported on stderr with the field, its
rule and what to print; so is a refusal by the server. Nothing is recorded, the offset is
committed and the agent moves on: the pipeline shows the stage timed out at its deadline.
Messages of other stages are skipped (and committed past).

Requests arrive at least once: one whose offset was not committed (the agent was stopped, or
crashed, or the server was unreachable) is delivered again and its command runs again.
Recording the same fact again is harmless (already recorded). For a re-run to record the same
fact, print the times (finishedAt, bakedAt, startedAt, completedAt); otherwise the server
refuses the re-run's times (409) and the first answer stands.

SIGINT or SIGTERM stops the running command (its request is left for the group's next agent)
and disconnects.

Environment:
  KAFKA_BROKERS          host:port[,host:port...] (required)
  KAFKA_REQUESTS_TOPIC   the requests topic (default pipeline.requests)
  PROVENANCE_URL         the release-provenance server (default http://127.0.0.1:3000)
  PROVENANCE_TOKEN       an API token with the agent role, when the server requires one

Exit codes:
  0 stopped: --max-requests handled, or SIGINT/SIGTERM    2 usage error (e.g. KAFKA_BROKERS unset)
  3 Kafka or the server unreachable after retries (the request in hand stays uncommitted)

Example (the Jenkins job that bakes images):
  provenance agent --stage candidate-build --exec ./bake.sh
  # bake.sh bakes $PROVENANCE_PINNED_SET_ID, then prints
  #   {"digest": "sha256:...", "name": "autobuild-....tar.gz"}`;
