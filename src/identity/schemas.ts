import { z } from 'zod';
import { maximumPasswordLength } from './passwords.ts';

const emailField = z
  .email('Enter your e-mail address, like name@nhs.net.')
  .max(254, 'An e-mail address has at most 254 characters.');
const passwordField = z
  .string()
  .min(1, 'Enter your password.')
  .max(maximumPasswordLength, `A password has at most ${maximumPasswordLength} characters.`);

export const signInFormSchema = z.object({
  email: z.string().trim().pipe(emailField),
  password: passwordField,
  returnTo: z.string().max(500).optional(),
  _csrf: z.string().optional(),
});

export const changePasswordFormSchema = z.object({
  currentPassword: passwordField,
  newPassword: z
    .string()
    .max(maximumPasswordLength, `Use at most ${maximumPasswordLength} characters.`),
  _csrf: z.string().optional(),
});

export const passwordResetRequestFormSchema = z.object({
  email: z.string().trim().pipe(emailField),
  _csrf: z.string().optional(),
});

export const passwordResetFormSchema = z.object({
  newPassword: z
    .string()
    .max(maximumPasswordLength, `Use at most ${maximumPasswordLength} characters.`),
  _csrf: z.string().optional(),
});

export const apiTokenScopeSchema = z.enum(['read', 'write']);

export const createApiTokenSchema = z.strictObject({
  name: z.string().trim().min(1, 'Name the token after what will use it.').max(100),
  scope: apiTokenScopeSchema,
});

export const createApiTokenFormSchema = createApiTokenSchema.extend({
  _csrf: z.string().optional(),
});

export const apiTokenSchema = z.object({
  id: z.uuid(),
  name: z.string(),
  scope: apiTokenScopeSchema,
  createdAt: z.date(),
  lastUsedAt: z.date().nullable(),
  revokedAt: z.date().nullable(),
});

export const currentActorSchema = z.object({
  accountId: z.uuid(),
  email: z.string(),
  displayName: z.string(),
  personId: z.uuid().nullable(),
  isAdministrator: z.boolean(),
  bodyRoles: z.array(
    z.object({
      bodyId: z.string(),
      role: z.enum(['member', 'chair', 'secretariat', 'programme-office']),
    }),
  ),
  authenticatedBy: z.enum(['session', 'api-token']),
  tokenScope: apiTokenScopeSchema.optional(),
});
