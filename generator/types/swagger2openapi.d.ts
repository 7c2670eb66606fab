/** The part of swagger2openapi (no bundled types) that `convert-swagger.ts` uses. */
declare module "swagger2openapi" {
  interface ConvertOptions {
    /** Fix small, common errors of the source instead of failing on them. */
    patch?: boolean;
    /** Record what cannot be converted as `x-s2o-warning` instead of failing. */
    warnOnly?: boolean;
    /** Resolve with the converted document itself rather than the options object. */
    direct?: boolean;
  }
  export function convertObj(swagger: object, options: ConvertOptions): Promise<unknown>;
}
