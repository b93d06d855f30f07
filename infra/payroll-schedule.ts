import { Client, ScheduleAlreadyRunning, ScheduleOverlapPolicy } from '@temporalio/client';

export const PAYROLL_SCHEDULE_ID = 'aidflow-monthly-payroll';

/**
 * The monthly payroll: on the 1st at 02:00 Beijing time, so rosters are ready well before the
 * 10th (低保 by the 10th of each month; 特困 by the 10th of each quarter's first month).
 */
export async function ensurePayrollSchedule(client: Client, taskQueue: string): Promise<'created' | 'exists'> {
  try {
    await client.schedule.create({
      scheduleId: PAYROLL_SCHEDULE_ID,
      spec: { calendars: [{ dayOfMonth: 1, hour: 2 }], timezone: 'Asia/Shanghai' },
      action: { type: 'startWorkflow', workflowType: 'payrollWorkflow', args: [{}], taskQueue },
      policies: { overlap: ScheduleOverlapPolicy.SKIP, catchupWindow: '7 days' },
    });
    return 'created';
  } catch (err) {
    if (err instanceof ScheduleAlreadyRunning) return 'exists';
    throw err;
  }
}
