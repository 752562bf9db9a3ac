import { AsyncLocalStorage } from 'node:async_hooks';
import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { Observable } from 'rxjs';
import type { AuthedRequest } from './access.guard';

const store = new AsyncLocalStorage<{ actor: string | null }>();

/** The member of staff behind the request being handled, or null (citizens, devices, jobs). */
export function currentActor(): string | null {
  return store.getStore()?.actor ?? null;
}

/**
 * Runs each handler with its caller in async-local storage, so the queue's event log can say which
 * clerk acted without every service passing it along. Runs after the guards, which resolved the caller.
 */
@Injectable()
export class ActorInterceptor implements NestInterceptor {
  intercept(ctx: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (ctx.getType() !== 'http') return next.handle();
    const who = ctx.switchToHttp().getRequest<AuthedRequest>().principal;
    const actor = who?.kind === 'staff' ? who.username : null;
    // Subscribing inside run(): the handler executes on subscription, so it sees the store.
    return new Observable((subscriber) => store.run({ actor }, () => next.handle().subscribe(subscriber)));
  }
}
