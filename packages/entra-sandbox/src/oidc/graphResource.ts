/** Microsoft Graph's application ID: a resource identifier that means Graph in tokens. */
export const MICROSOFT_GRAPH_APP_ID = '00000003-0000-0000-c000-000000000000';
