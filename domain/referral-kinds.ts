// The zod-free part of domain/referral.ts that workflows need (the kinds and their names), so the
// request schemas and zod stay out of the workflow bundle. referral.ts re-exports it for the API.

export const referralKinds = ['medical', 'education', 'housing', 'employment', 'disaster', 'legal_aid', 'other'] as const;
export type ReferralKind = (typeof referralKinds)[number];
export const REFERRAL_KIND_NAMES: Record<ReferralKind, string> = {
  medical: '医疗救助',
  education: '教育救助',
  housing: '住房救助',
  employment: '就业救助',
  disaster: '受灾人员救助',
  legal_aid: '司法援助',
  other: '其他救助',
};
