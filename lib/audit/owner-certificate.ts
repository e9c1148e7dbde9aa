import * as z from 'zod/mini';

/**
 * A certificate in the user's name that a disconnect leaves to its owner (only the owner, signed in with a
 * signature, can revoke it). A module of its own: what the panel's bundle imports of the audit stays zod-free.
 */
export const ownerCertificate = z.object({
  serial: z.string().check(z.maxLength(40)),
  name: z.string().check(z.maxLength(300)),
  validTo: z.string().check(z.maxLength(40)),
});
export type OwnerCertificate = z.infer<typeof ownerCertificate>;
