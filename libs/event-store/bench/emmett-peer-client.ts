import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import type { PeerAnswer, PeerRequest } from './emmett-peer';

type Measured = Exclude<PeerAnswer, { error: string }>;

/** bench:peers' side of the emmett worker (emmett-peer.ts): one request at a time. */
export class EmmettPeer {
  private readonly worker: Worker;
  private pending?: { resolve: (answer: Measured) => void; reject: (error: Error) => void };

  constructor(connectionString: string) {
    const entry = join(__dirname, 'emmett-peer.ts');
    this.worker = new Worker(`require('@swc-node/register'); require(${JSON.stringify(entry)});`, { eval: true, workerData: { connectionString } });
    this.worker.on('message', (answer: PeerAnswer) => {
      const pending = this.pending;
      this.pending = undefined;
      if ('error' in answer) pending?.reject(new Error(`emmett worker: ${answer.error}`));
      else pending?.resolve(answer);
    });
    this.worker.on('error', (error) => this.pending?.reject(error));
    this.worker.on('exit', (code) => this.pending?.reject(new Error(`emmett worker exited (${code})`)));
  }

  ask(request: PeerRequest): Promise<Measured> {
    if (this.pending) return Promise.reject(new Error('one request at a time'));
    return new Promise((resolve, reject) => {
      this.pending = { resolve, reject };
      this.worker.postMessage(request);
    });
  }

  async close(): Promise<void> {
    await this.ask({ kind: 'close' }).catch(() => undefined);
    await this.worker.terminate();
  }
}
