/** Everything generated from the contract schemas, as path (relative to the repo) → file text. */
import { renderAsyncApi } from './asyncapi.js';
import { schemaFiles } from './schemaFiles.js';

export { buildAsyncApi, renderAsyncApi, SIGNING } from './asyncapi.js';
export { contractSchemas, schemaFiles } from './schemaFiles.js';

export function contractFiles(): Map<string, string> {
  return new Map([['docs/asyncapi.yaml', renderAsyncApi()], ...schemaFiles()]);
}
