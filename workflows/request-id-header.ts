/** Temporal header carrying the API request id (infra/request-id.ts, workflows/interceptors.ts). */
export const REQUEST_ID_HEADER = 'aidflow-request-id';
