import { Injectable } from '@nestjs/common';
import type { AlertsEvent, LiveRefusal, LiveSnapshot } from '@hallq/contracts';
import { decideAccess, type AccessLevel, type AccessScope } from '../auth/access-policy';
import type { Principal } from '../auth/principal';
import type { SubscribeTarget } from './dto/subscribe.dto';
import { HallFeedService } from './hall-feed.service';
import { HallSnapshotService } from './hall-snapshot.service';
import { roomOf } from './live-socket.repository';
import { ManagerFeedService } from './manager-feed.service';

/** A refused subscription as the acknowledgement carries it (the gateway adds `ok: false`). */
export type Refusal = Omit<LiveRefusal, 'ok'>;

/** What a subscriber is sent after `{ ok: true }`. */
export type FirstMessage = { event: 'snapshot'; body: LiveSnapshot } | { event: 'alerts'; body: AlertsEvent };

/** A target that exists: who may watch it, and what it is sent first. */
export interface ResolvedTarget {
  /** Null when `who` may watch it; else the UNAUTHENTICATED or FORBIDDEN answer. */
  refusal(who: Principal | null): Refusal | null;
  /**
   * Called once joined: starts what follows the target on this instance (window and ticket watches), then
   * reads the first message from the database (docs/live.md "Subscribing"), so whatever committed before
   * the join, on any instance, is in it.
   */
  first(): Promise<FirstMessage>;
}

/** One kind of target on /live: the room its events go to, and how a subscription to it starts. */
export interface SubscriptionTarget<T extends SubscribeTarget> {
  room(t: T): string;
  /** Looks the target up; an unknown one throws its QueueError (HALL_NOT_FOUND, ...) before anything is joined. */
  resolve(t: T): Promise<ResolvedTarget>;
}

type TargetTable = { [K in SubscribeTarget['kind']]: SubscriptionTarget<Extract<SubscribeTarget, { kind: K }>> };

/**
 * Every kind of /live subscription, one entry each. A new kind (a region, a case feed) is its payload key
 * in dto/subscribe.dto.ts and its entry here; the gateway does not change.
 */
@Injectable()
export class SubscriptionTargets {
  private readonly table: TargetTable = {
    hall: {
      room: (t) => roomOf.hall(t.id),
      resolve: async (t) => {
        await this.snapshots.hallSnapshot(t.id); // hall ids are public: an unknown one is HALL_NOT_FOUND for anyone
        return {
          refusal: needs('hall-viewer', { hallId: t.id }, 'This token may not watch this hall.'),
          first: async () => ({ event: 'snapshot', body: await this.snapshots.hallSnapshot(t.id, true) }),
        };
      },
    },
    window: {
      room: (t) => roomOf.window(t.id),
      resolve: async (t) => {
        const { hallId } = await this.snapshots.windowSnapshot(t.id);
        return {
          refusal: needs('window-clerk', { hallId, windowId: t.id }, 'This token may not watch this window.'),
          first: async () => {
            this.feed.watchWindow(hallId, t.id);
            return { event: 'snapshot', body: await this.snapshots.windowSnapshot(t.id, true) };
          },
        };
      },
    },
    ticket: {
      room: (t) => roomOf.ticket(t.token),
      resolve: async (t) => {
        const found = await this.snapshots.ticketSnapshot(t.token);
        return {
          // The token (192 random bits) is the key: whoever holds it may watch.
          refusal: () => null,
          first: async () => {
            this.feed.watchTicket(found, t.token); // from here on its `called` reaches the room
            const snap = await this.snapshots.ticketSnapshot(t.token, true);
            this.feed.watchTicket(snap, t.token);
            return { event: 'snapshot', body: snap };
          },
        };
      },
    },
    manager: {
      room: (t) => roomOf.manager(t.id),
      // As for the hall: an alert change after the join arrives as `alert` and is at most repeated by the list.
      resolve: async (t) => {
        await this.managers.openAlerts(t.id); // unknown hall: HALL_NOT_FOUND
        return {
          refusal: needs('hall-manager', { hallId: t.id }, "Only this hall's managers get its alerts."),
          first: async () => ({ event: 'alerts', body: await this.managers.openAlerts(t.id) }),
        };
      },
    },
  };

  constructor(
    private readonly snapshots: HallSnapshotService,
    private readonly feed: HallFeedService,
    private readonly managers: ManagerFeedService,
  ) {}

  room(t: SubscribeTarget): string {
    return this.entry(t).room(t);
  }

  resolve(t: SubscribeTarget): Promise<ResolvedTarget> {
    return this.entry(t).resolve(t);
  }

  private entry(t: SubscribeTarget): SubscriptionTarget<SubscribeTarget> {
    // The table's type pairs each kind with its entry; TypeScript cannot follow that through t.kind.
    return this.table[t.kind] as SubscriptionTarget<SubscribeTarget>;
  }
}

/** Access as REST decides it (auth/access-policy.ts), answered in the words of /live. */
function needs(level: AccessLevel, scope: AccessScope, forbidden: string): ResolvedTarget['refusal'] {
  return (who) => {
    const d = decideAccess(level, who, scope);
    if (d === 'allow') return null;
    return d === 'unauthenticated'
      ? { error: 'Sign in first: connect with auth: { token } (a staff sign-in or the device token of this screen).', code: 'UNAUTHENTICATED' }
      : { error: forbidden, code: 'FORBIDDEN' };
  };
}
