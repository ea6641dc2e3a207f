// Per-request batching for the relationship view, so that a whole view costs one aggregate statement and
// then one statement for the records it names.
//
// graphql-js calls the resolvers of an object's fields one after the other, synchronously, before it
// awaits any of them. So each field of `Relationship` registers the part of the aggregate it needs
// (`RelationshipBatch.part`), and the batch sends every part registered in that pass as one statement
// (relationship.data.ts `loadRelationship`) once the pass is over. The records those parts name (events,
// agreements, remarks, people) are then loaded by id through `byIdLoader`, which merges the
// selections of all fields that load the same model in the same pass; the loads of all models in that
// pass go out together as one direct read (core/graphql/direct-records.ts).
import type { DirectRead } from '../../core/db/direct-reads.js';
import { loadRelationship, type Part, type PartValue, type ResolvedPair } from './relationship.data.js';

interface Pending {
  part: Part;
  resolve: (value: unknown) => void;
  reject: (error: unknown) => void;
}

export class RelationshipBatch {
  private pending: Pending[] = [];
  /** Settles when every part registered so far has its value (and the records they name can load). */
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly read: DirectRead,
    readonly pair: ResolvedPair,
  ) {}

  /** The value of one part, computed with every other part registered in the same pass. */
  part<P extends Part>(part: P): Promise<PartValue<P>> {
    return new Promise((resolve, reject) => {
      if (this.pending.length === 0) {
        // After the current pass of resolvers (and the promise jobs it queued), not before.
        const sent = new Promise((done) => setImmediate(done)).then(() => this.send());
        this.inFlight = Promise.all([this.inFlight, sent]).catch(() => undefined);
      }
      this.pending.push({ part, resolve: resolve as (value: unknown) => void, reject });
    });
  }

  /**
   * Waits for the parts already registered. Fields that need no part of their own (the two countries)
   * wait too, so that their records load with the records the parts name, in the same statement.
   */
  async settled(): Promise<void> {
    // Sibling fields register their parts in the same pass as the caller, possibly after it.
    await new Promise((done) => setImmediate(done));
    await this.inFlight;
  }

  private async send(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    try {
      const values = await loadRelationship(
        this.read,
        this.pair,
        batch.map((p) => p.part),
      );
      batch.forEach((p, i) => p.resolve(values[i]));
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  }
}
