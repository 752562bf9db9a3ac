import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';
import { BackgroundLane } from '../common/scheduling/background-lane';
import type { AlertChange } from './alert.view';

/** A round's changes go out this many at a time, resting between (BackgroundLane): each reaches the managers' sockets. */
const PUBLISH_EVERY = 500;

/** The stream of alert changes (raised, escalated, cleared, acknowledged) that /live sends to managers. */
@Injectable()
export class AlertChanges {
  private readonly subject = new Subject<AlertChange>();
  readonly stream: Observable<AlertChange> = this.subject.asObservable();

  publish(change: AlertChange): void {
    this.subject.next(change);
  }

  /** Publishes a round's changes in order; a storm of them gives the request thread back as it goes. */
  async publishAll(changes: readonly AlertChange[]): Promise<void> {
    const lane = new BackgroundLane();
    for (const [i, c] of changes.entries()) {
      if (i > 0 && i % PUBLISH_EVERY === 0) await lane.rest();
      this.subject.next(c);
    }
  }
}
