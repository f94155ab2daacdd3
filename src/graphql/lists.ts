import { readPageArgs, toPage } from './connection.js';
import type { Page, PageArgs } from './connection.js';
import type { Context } from './context.js';
import { RESOURCE_ROUTES } from '../upstream/jump-routes.js';
import type { Resource } from '../upstream/jump-routes.js';
import type { JumpQueryValue } from '../upstream/jump-client.js';

/**
 * Fetches one page of a Jump list for a connection field. Every object listed is shared with the
 * loaders, so a reference to it elsewhere in the same operation costs no call.
 */
export async function listPage(
  context: Context,
  resource: Resource,
  args: PageArgs,
  filters: Record<string, JumpQueryValue> = {},
): Promise<Page> {
  const paging = readPageArgs(args);
  const read = async () =>
    toPage(
      await context.jump.read({
        route: RESOURCE_ROUTES[resource].list,
        query: { ...filters, ...paging },
      }),
      paging,
    );

  return context.loaders.list(resource, read);
}
