/** A named, exported TypeScript declaration, as text. */
export interface TypeDeclaration {
  name: string;
  text: string;
}

/**
 * Helper types openapi-typescript may print beside `components` (`WithRequired`
 * for a required property declared by an `allOf` branch). Their names are kept
 * from schemas, so a declaration never refers to the wrong one.
 */
export const HELPER_NAMES: readonly string[] = ["WithRequired"];
