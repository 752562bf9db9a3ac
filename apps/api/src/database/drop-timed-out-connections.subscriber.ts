import { EventSubscriber, type AfterQueryEvent, type EntitySubscriberInterface } from 'typeorm';

/**
 * mysql2 fails a statement that outlives its timeout but keeps the connection, with the silent
 * statement still at the head of its queue: the ROLLBACK that follows would wait behind it for good (a
 * request hanging through a network partition). This drops such a connection at once, before the error
 * reaches the transaction: the ROLLBACK then fails fast, the pool forgets the connection, and the server
 * rolls the transaction back when it notices the connection is gone.
 */
@EventSubscriber()
export class DropTimedOutConnectionsSubscriber implements EntitySubscriberInterface {
  afterQuery(event: AfterQueryEvent): void {
    const e = event.error as { driverError?: { code?: string }; code?: string } | undefined;
    if (event.success || (e?.driverError?.code ?? e?.code) !== 'PROTOCOL_SEQUENCE_TIMEOUT') return;
    const connection = (event.queryRunner as unknown as { databaseConnection?: { destroy?: () => void } }).databaseConnection;
    connection?.destroy?.();
  }
}
