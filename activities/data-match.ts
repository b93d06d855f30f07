import type { DataMatchProvider, DataMatchResult, DataMatchSubject } from '../domain/data-match';

export function createDataMatchActivities(provider: DataMatchProvider) {
  async function runDataMatch(subjects: DataMatchSubject[]): Promise<DataMatchResult> {
    return provider.check(subjects);
  }
  return { runDataMatch };
}
