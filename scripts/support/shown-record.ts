/**
 * What `npm run bench:shown` records from the api while the demo hall's day plays: each ticket's issue
 * answer (the wait estimate a citizen was shown), a second read of the same ticket a moment later (its own
 * prediction, once a forecast refresh has included it), what became of it (called when, or cancelled), and
 * the hall's open alerts at every poll. Times are the api's, epoch ms; bench:shown turns them into hall time.
 */
import type { AlertBody, CitizenTicketBody, WaitEstimate } from '../../libs/contracts/src';
import type { Api, DemoWatcher } from './demo-hall';

/** A ticket of the day as the api showed it and as it went. */
export interface ShownTicket {
  simId: string;
  category: string;
  priority: string;
  id: string;
  token: string;
  /** The api's issue time. */
  issuedAt: number;
  /** When the issue request was sent and when its answer came back. */
  sentAt: number;
  answeredAt: number;
  peopleAhead: number;
  /** The estimate in the issue answer (null: the api showed none). */
  shown: WaitEstimate | null;
  /** The same ticket read again LATER_MS after its issue, if it was still waiting then. */
  later?: { at: number; estimate: WaitEstimate | null };
  calledAt?: number;
  /** When the person gave up (the demo cancelled the ticket for a simulated abandonment). */
  cancelledAt?: number;
  /** The ticket's status when read back at the end. */
  finalStatus?: string;
}

/** One open alert as seen at one poll. */
export interface AlertSighting {
  at: number;
  scope: AlertBody['scope'];
  subjectId: string;
  subject: string;
  level: AlertBody['level'];
  raisedAt: number;
  escalatedAt: number;
}

/** Second read of a ticket: long enough for a paced forecast refresh (500 ms grid, or the settle 2 s after quiet). */
export const LATER_MS = 2500;

export class ShownRecorder {
  readonly tickets = new Map<string, ShownTicket>(); // by sim ticket id
  readonly sightings: AlertSighting[] = [];
  readonly polls: number[] = [];
  /** Issues the api refused (status), by sim ticket id. */
  readonly refused = new Map<string, number>();
  private readonly pending = new Set<Promise<void>>();
  private api: Api | null = null;

  /** The DemoWatcher to pass to DemoHall.create; `attach` the api before the day starts. */
  get watcher(): DemoWatcher {
    return {
      issued: (simId, answer, sentAt) => this.issued(simId, answer, sentAt),
      cancelled: (simId, status, at) => {
        const t = this.tickets.get(simId);
        if (t && status < 300) t.cancelledAt = at;
      },
    };
  }

  attach(api: Api): void {
    this.api = api;
  }

  /** The hall's open alerts now (one GET). */
  async pollAlerts(hallId: string): Promise<AlertBody[]> {
    const at = Date.now();
    const open = await this.api!.get<AlertBody[]>(`/halls/${hallId}/alerts`);
    this.polls.push(at);
    for (const a of open) {
      this.sightings.push({ at, scope: a.scope, subjectId: a.subjectId, subject: a.subject, level: a.level, raisedAt: a.raisedAt, escalatedAt: a.escalatedAt });
    }
    return open;
  }

  /** After the day: waits for the second reads still due, then reads every ticket back for its call time. */
  async finish(): Promise<void> {
    await Promise.all([...this.pending]);
    const all = [...this.tickets.values()];
    for (let i = 0; i < all.length; i += 8) {
      await Promise.all(all.slice(i, i + 8).map(async (t) => {
        const b = await this.api!.get<CitizenTicketBody>(`/tickets/${t.token}`);
        t.finalStatus = b.status;
        if (b.calledAt !== null) t.calledAt = b.calledAt;
      }));
    }
  }

  private issued(simId: string, answer: { status: number; body: unknown }, sentAt: number): void {
    if (answer.status >= 300) {
      this.refused.set(simId, answer.status);
      return;
    }
    const b = answer.body as CitizenTicketBody;
    const t: ShownTicket = {
      simId, category: b.category, priority: b.priority, id: b.id, token: b.token, issuedAt: b.issuedAt, sentAt, answeredAt: Date.now(),
      peopleAhead: b.peopleAhead, shown: b.estimatedWait,
    };
    this.tickets.set(simId, t);
    const read = new Promise<void>((resolve) => {
      setTimeout(() => {
        this.api!.get<CitizenTicketBody>(`/tickets/${t.token}`)
          .then((x) => {
            if (x.status === 'waiting') t.later = { at: Date.now(), estimate: x.estimatedWait };
          })
          .catch(() => undefined)
          .finally(resolve);
      }, Math.max(0, t.issuedAt + LATER_MS - Date.now()));
    });
    this.pending.add(read);
    void read.then(() => this.pending.delete(read));
  }
}
