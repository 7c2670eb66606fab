/**
 * A sync that cannot load a resource as configured, e.g. a merge without a primary key. A file of
 * its own, outside `sync/`: every connector exports it, and importing a connector must not load
 * the sync code, which only `source.sync()` needs.
 */
export class SyncError extends Error {
  override name = "SyncError";
  readonly resource: string;

  constructor(message: string, resource: string) {
    super(`resource "${resource}": ${message}`);
    this.resource = resource;
  }
}
