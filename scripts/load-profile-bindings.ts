import { z } from 'zod';
import { HttpError } from '../api/errors';
import { saveCheckedBinding } from '../api/use-cases/profile-bindings';
import { bindingBody, regionCode } from '../domain/profile-bindings';
import { migratedAppDatabase, readJsonFile } from './cli';
import { loadConfig } from '../infra/config';
import { processLogger } from '../infra/logger';

const log = processLogger('profiles');

// Usage: npx tsx scripts/load-profile-bindings.ts bindings.json
// The file: { "bindings": [{ "region": "430921", "regionName": "湖南省益阳市大通湖区",
//   "profileId": "hunan-datonghu-2021", "profileVersion": null, "effectiveFrom": "2021-11-19", "source": "大办发〔2021〕30号" }] }
// Provinces and CN lie above every supervisor's jurisdiction: this script (database access) sets them.
const fileSchema = z.object({
  bindings: z
    .array(bindingBody.extend({ region: regionCode }))
    .min(1)
    .max(500),
});

async function main(): Promise<void> {
  const data = readJsonFile(process.argv[2], fileSchema, 'npx tsx scripts/load-profile-bindings.ts <bindings.json>');
  const config = loadConfig();
  const db = await migratedAppDatabase(config);
  const actor = { id: process.env.USER ?? 'cli', role: 'supervisor' as const, jurisdiction: '000000' };
  try {
    for (const { region, ...b } of data.bindings) {
      const saved = await saveCheckedBinding({ db }, actor, region, b);
      log.info(
        `bound ${saved.region} (${saved.regionName}) → ${saved.profileId} v${saved.profileVersion ?? 'latest'} from ${saved.effectiveFrom}`,
      );
    }
  } catch (err) {
    if (err instanceof HttpError) throw new Error(`${err.message}: ${JSON.stringify(err.details)}`);
    throw err;
  } finally {
    await db.end();
  }
}

main().catch((err) => {
  log.error((err as Error).message);
  process.exit(1);
});
