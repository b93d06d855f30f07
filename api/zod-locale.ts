import { z } from 'zod';

// Zod's own messages (type, size, option) in Simplified Chinese, from zod's bundled zh-CN locale.
// Messages a schema states itself, and every field path, are unchanged. Global for the process:
// imported once by the app, before any request is parsed.
z.config(z.locales.zhCN());
