// What issuing asks of the database, as ports. The adapters, one per database, are in ../infrastructure
// (issuingAdapters): issuing itself never asks which database it runs on.
import type { EntityManager } from 'typeorm';

/** One numbering sequence: a category of a hall on one service day (A001, A002, ...). */
export interface NumberSequence {
  hallId: string;
  categoryId: string;
  serviceDay: string;
}

/**
 * The next numbers of a sequence. `reserve` takes `count` numbers in the caller's transaction and returns
 * the first of them. The sequence stays held until that transaction ends, so concurrent issuers in any
 * number of processes queue on it and never get the same number; a rollback gives the numbers back.
 */
export interface TicketNumbers {
  reserve(em: EntityManager, sequence: NumberSequence, count: number): Promise<number>;
}

/**
 * What may run beside an issuing transaction while it holds a sequence. Where the hold is a row lock that
 * other connections queue on (MySQL: a pool of connections), reads go to other connections during the
 * transaction and the next group starts when only COMMIT is left. Where the database has one connection
 * (SQLite), a read outside the transaction would see its uncommitted rows, so everything takes its turn.
 */
export interface IssueOverlap {
  /** A read the transaction needs first: started now beside the transaction's start, or run inside it. */
  beforeWork<T>(read: (em: EntityManager) => Promise<T>): (tem: EntityManager) => Promise<T>;
  /**
   * A read of what committed before this transaction's writes (the read leaves the new rows out itself):
   * started now, while the held sequence keeps later writers out, or run after commit. Await the result
   * only after commit.
   */
  besideWrites<T>(read: (em: EntityManager) => Promise<T>): () => Promise<T>;
  /** Only COMMIT is left: the next group may start now and queue on the sequence, or waits for this one's end. */
  onlyCommitLeft(release: () => void): void;
}

export interface IssuingPorts {
  numbers: TicketNumbers;
  overlap: IssueOverlap;
}
