/**
 * Sends orders over one back-office connection: QoS 1, one after the other in the given order (a
 * route arrives in routeSeq order; a cancel after the assign it cancels), each confirmed by the
 * broker's PUBACK before the next. A device that is offline gets them from its persistent session.
 */
import type { BackOfficeClient } from './BackOfficeClient.js';
import type { Order } from './orders.js';

export async function sendOrders(
  client: Pick<BackOfficeClient, 'publish'>,
  orders: readonly Order[],
  progress?: (o: Order, i: number) => void,
): Promise<number> {
  let n = 0;
  for (const o of orders) {
    await client.publish(o.topic, o.payload, { retain: o.retain });
    progress?.(o, n);
    n++;
  }
  return n;
}
