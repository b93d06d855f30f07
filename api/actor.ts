import type { Request } from 'express';
import { z } from 'zod';
import { Actor, roles } from '../domain/case';
import { fieldErrors, forbidden, unauthorized } from './errors';

const headerSchema = z.object({
  'x-actor-id': z.string().trim().min(1, 'X-Actor-Id header names the person acting').max(64),
  'x-actor-role': z.enum(roles.filter((r) => r !== 'system') as [string, ...string[]]),
});

/**
 * Who is acting. Until authentication lands this comes from two headers; the auth issue swaps
 * this one function for token verification, and every route keeps its role list as it is.
 */
export function actorOf(req: Request): Actor {
  const r = headerSchema.safeParse(req.headers);
  if (!r.success) {
    const detail = fieldErrors(r.error).map((f) => `${f.path}: ${f.message}`).join('; ');
    throw unauthorized(`identify the actor with X-Actor-Id and X-Actor-Role headers (${detail})`);
  }
  return { id: r.data['x-actor-id'], role: r.data['x-actor-role'] as Actor['role'] };
}

export function requireRole(actor: Actor, allowed: readonly Actor['role'][], action: string): void {
  if (!allowed.includes(actor.role)) {
    throw forbidden(`${action} needs role ${allowed.join(' or ')}; ${actor.id} acts as ${actor.role}`);
  }
}
