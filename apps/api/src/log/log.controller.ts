import { Controller, Get, HttpException, Inject, Param, ParseIntPipe, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import { LOG_SIGNER, LogSignerHolder, StoredCheckpoint, TreeQueries, TreeQueryRefused } from '@provenance/notary';
import { Allow } from '../auth/allow.decorator';
import { MAY_READ } from '../auth/roles';
import { Refuses } from '../http/routes';
import { CheckpointAnswer, ConsistencyAnswer, InclusionAnswer, LeavesAnswer } from './log-answers.dto';
import { CheckpointsQuery, ConsistencyQuery, InclusionQuery, LeavesQuery } from './log-queries.dto';

const NOTE = { type: 'string', description: 'a C2SP tlog-checkpoint as a C2SP signed note (Ed25519)' } as const;
const b64 = (hashes: Buffer[]) => hashes.map((hash) => hash.toString('base64'));

/** The tamper-evident log: signed checkpoints, leaves and RFC 9162 proofs, for auditors. */
@ApiTags('log')
@ApiBearerAuth()
@Controller('api/v1/log')
export class LogController {
  constructor(
    private readonly tree: TreeQueries,
    @Inject(LOG_SIGNER) private readonly holder: LogSignerHolder,
  ) {}

  @Get('checkpoint')
  @Allow(MAY_READ)
  @Refuses([401, 403, 404], { 404: 'no checkpoint has been signed yet, or the log has no key (PROVENANCE_LOG_KEY)' })
  @ApiOperation({ summary: "The latest signed checkpoint: save it, and later ask for a consistency proof from its size" })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: NOTE })
  async latest(@Res() response: Response): Promise<void> {
    const latest = await this.tree.latestCheckpoint();
    if (!latest) {
      throw new HttpException(
        this.holder.signer
          ? 'no checkpoint has been signed yet: the log is empty, or the notary has not caught up'
          : 'the log has no signing key: set PROVENANCE_LOG_KEY to an Ed25519 PEM private key (`openssl genpkey -algorithm ed25519 -out log-key.pem`)',
        404,
      );
    }
    note(response, latest);
  }

  @Get('checkpoints/:treeSize')
  @Allow(MAY_READ)
  @Refuses([400, 401, 403, 404])
  @ApiOperation({ summary: 'The checkpoint signed at this tree size' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: NOTE })
  async bySize(@Param('treeSize', new ParseIntPipe({ errorHttpStatusCode: 400 })) treeSize: number, @Res() response: Response): Promise<void> {
    note(response, await refusals(() => this.tree.checkpoint(treeSize)));
  }

  @Get('checkpoints')
  @Allow(MAY_READ)
  @Refuses([400, 401, 403])
  @ApiOperation({ summary: 'Every signed checkpoint from a tree size on, oldest first (for verifiers)' })
  @ApiOkResponse({ type: [CheckpointAnswer] })
  async list(@Query() query: CheckpointsQuery): Promise<CheckpointAnswer[]> {
    return (await this.tree.checkpoints(query.from, query.limit)).map((checkpoint) => ({
      treeSize: checkpoint.treeSize,
      rootHash: checkpoint.rootHash.toString('base64'),
      note: checkpoint.note,
      signedAt: checkpoint.signedAt,
    }));
  }

  @Get('key')
  @Allow(MAY_READ)
  @Refuses([401, 403, 404], { 404: 'the log has no signing key (PROVENANCE_LOG_KEY)' })
  @ApiOperation({ summary: "The checkpoints' verifier key, `<origin>+<key id>+<base64 Ed25519 key>` (Go sumdb/note's form): keep it beside a saved checkpoint" })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  key(@Res() response: Response): void {
    if (!this.holder.signer) throw new HttpException('the log has no signing key: set PROVENANCE_LOG_KEY', 404);
    response.status(200).type('text/plain').send(`${this.holder.signer.verifierKey}\n`);
  }

  @Get('leaves')
  @Allow(MAY_READ)
  @Refuses([400, 401, 403])
  @ApiOperation({ summary: 'Leaves [start, end): each with its event as the log holds it now, as canonical JSON, and the hash the tree holds' })
  @ApiOkResponse({ type: LeavesAnswer })
  async leaves(@Query() query: LeavesQuery): Promise<LeavesAnswer> {
    const [treeSize, leaves] = await Promise.all([this.tree.treeSize(), refusals(() => this.tree.leaves(query.start, query.end))]);
    return {
      treeSize,
      leaves: leaves.map((leaf) => ({
        index: leaf.leafIndex,
        leaf: leaf.leaf?.toString('utf8') ?? null,
        hash: leaf.hash.toString('base64'),
        streamId: leaf.streamId,
        revision: leaf.revision,
        eventId: leaf.eventId,
      })),
    };
  }

  @Get('proof/inclusion')
  @Allow(MAY_READ)
  @Refuses([400, 401, 403, 404, 409])
  @ApiOperation({ summary: 'The audit path (RFC 9162 §2.1.3) of a leaf, by leafIndex or eventId, in the tree of treeSize (default: the latest checkpoint)' })
  @ApiOkResponse({ type: InclusionAnswer })
  async inclusion(@Query() query: InclusionQuery): Promise<InclusionAnswer> {
    const answer = await refusals(() =>
      query.eventId !== undefined ? this.tree.inclusionOfEvent(query.eventId, query.treeSize) : this.tree.inclusion(query.leafIndex!, query.treeSize),
    );
    return {
      leafIndex: answer.leafIndex,
      treeSize: answer.treeSize,
      leafHash: answer.leafHash.toString('base64'),
      proof: b64(answer.proof),
      checkpoint: answer.checkpoint?.note ?? null,
      ...(answer.event ? { event: { streamId: answer.event.streamId, revision: answer.event.revision, eventId: answer.event.eventId } } : {}),
    };
  }

  @Get('proof/consistency')
  @Allow(MAY_READ)
  @Refuses([400, 401, 403, 404])
  @ApiOperation({ summary: 'The consistency proof (RFC 9162 §2.1.4) from tree size first to second (default: the latest checkpoint)' })
  @ApiOkResponse({ type: ConsistencyAnswer })
  async consistency(@Query() query: ConsistencyQuery): Promise<ConsistencyAnswer> {
    const answer = await refusals(() => this.tree.consistency(query.first, query.second));
    return { first: answer.first, second: answer.second, proof: b64(answer.proof) };
  }
}

function note(response: Response, checkpoint: StoredCheckpoint): void {
  response.status(200).type('text/plain').send(checkpoint.note);
}

async function refusals<T>(query: () => Promise<T>): Promise<T> {
  try {
    return await query();
  } catch (error) {
    if (error instanceof TreeQueryRefused) throw new HttpException(error.message, error.status);
    throw error;
  }
}
