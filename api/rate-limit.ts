import type { Request, RequestHandler } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import type { ApiDeps } from './deps';

// Changes are limited per person once the token names one, so colleagues behind one office
// gateway do not share a budget, and one person cannot multiply theirs by changing address.
// Requests without a valid token are counted per address (they are refused anyway, but
// guessing tokens must cost something).

async function callerKey(req: Request, authenticate: ApiDeps['authenticate']): Promise<string> {
  if (req.headers.authorization) {
    try {
      return `user:${(await authenticate(req.headers.authorization)).id}`;
    } catch {
      // not authenticated: fall through to the address
    }
  }
  return `addr:${ipKeyGenerator(req.ip ?? 'unknown')}`;
}

// The Web UI decodes many payloads per page: the codec endpoint reads, it changes nothing.
const exempt = (req: Request) => req.method === 'GET' || req.method === 'OPTIONS' || req.path.startsWith('/codec/');

export function changeRateLimit(deps: Pick<ApiDeps, 'authenticate' | 'rateLimitPerMinute'>): RequestHandler {
  const limiter = rateLimit({
    windowMs: 60_000,
    limit: deps.rateLimitPerMinute,
    standardHeaders: 'draft-8',
    legacyHeaders: false,
    keyGenerator: (req) => callerKey(req, deps.authenticate),
    handler: (req, res) => {
      const who = (req as Request & { rateLimit?: { key?: string } }).rateLimit?.key?.startsWith('user:') ? 'you' : 'this address';
      res.status(429).json({
        error: { code: 'RATE_LIMITED', message: `more than ${deps.rateLimitPerMinute} changes a minute from ${who}; wait and retry` },
      });
    },
  });
  // Exempt requests pass straight on: the limiter's own skip costs an asynchronous step on every read.
  return (req, res, next) => (exempt(req) ? next() : limiter(req, res, next));
}
