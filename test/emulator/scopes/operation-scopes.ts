// GENERATED from shared/specs (tokens-7.2.json, tokenadmin-7.2.json, graph-7.1.json) by `node out/test/emulator/scopes/generate-operation-scopes.js`; do not edit.
// test/emulator/scopes/operation-scopes.test.ts fails when this file and the specs differ.

/** One spec operation and the OAuth scopes its `security` names (any one requirement object). */
export interface OperationScopes { spec: string; method: string; path: string; operationId: string; scopes: string[] }

export const OPERATION_SCOPES: readonly OperationScopes[] = [
  {"spec":"tokens-7.2.json","method":"GET","path":"/{organization}/_apis/tokens/pats","operationId":"Pats_Get","scopes":["vso.pats"]},
  {"spec":"tokens-7.2.json","method":"PUT","path":"/{organization}/_apis/tokens/pats","operationId":"Pats_Update","scopes":["vso.pats_manage"]},
  {"spec":"tokens-7.2.json","method":"POST","path":"/{organization}/_apis/tokens/pats","operationId":"Pats_Create","scopes":["vso.pats_manage"]},
  {"spec":"tokens-7.2.json","method":"DELETE","path":"/{organization}/_apis/tokens/pats","operationId":"Pats_Revoke","scopes":["vso.pats_manage"]},
  {"spec":"tokenadmin-7.2.json","method":"GET","path":"/{organization}/_apis/tokenadmin/personalaccesstokens/{subjectDescriptor}","operationId":"Personal Access Tokens_List","scopes":["vso.tokenadministration"]},
  {"spec":"tokenadmin-7.2.json","method":"POST","path":"/{organization}/_apis/tokenadmin/revocationrules","operationId":"Revocation Rules_Create","scopes":["vso.tokenadministration"]},
  {"spec":"tokenadmin-7.2.json","method":"POST","path":"/{organization}/_apis/tokenadmin/revocations","operationId":"Revocations_Revoke Authorizations","scopes":["vso.tokenadministration"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/descriptors/{storageKey}","operationId":"Descriptors_Get","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/groups","operationId":"Groups_List","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"POST","path":"/{organization}/_apis/graph/groups","operationId":"Groups_Create","scopes":["vso.graph_manage"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/groups/{groupDescriptor}","operationId":"Groups_Get","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"PATCH","path":"/{organization}/_apis/graph/groups/{groupDescriptor}","operationId":"Groups_Update","scopes":["vso.graph_manage"]},
  {"spec":"graph-7.1.json","method":"DELETE","path":"/{organization}/_apis/graph/groups/{groupDescriptor}","operationId":"Groups_Delete","scopes":["vso.graph_manage"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/Memberships/{subjectDescriptor}","operationId":"Memberships_List","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/memberships/{subjectDescriptor}/{containerDescriptor}","operationId":"Memberships_Get","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"PUT","path":"/{organization}/_apis/graph/memberships/{subjectDescriptor}/{containerDescriptor}","operationId":"Memberships_Add","scopes":["vso.graph_manage"]},
  {"spec":"graph-7.1.json","method":"DELETE","path":"/{organization}/_apis/graph/memberships/{subjectDescriptor}/{containerDescriptor}","operationId":"Memberships_Remove Membership","scopes":["vso.graph_manage"]},
  {"spec":"graph-7.1.json","method":"HEAD","path":"/{organization}/_apis/graph/memberships/{subjectDescriptor}/{containerDescriptor}","operationId":"Memberships_Check Membership Existence","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/membershipstates/{subjectDescriptor}","operationId":"Membership States_Get","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"POST","path":"/{organization}/_apis/graph/requestaccess","operationId":"Request Access_Request Access","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/serviceprincipals","operationId":"Service Principals_List","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"POST","path":"/{organization}/_apis/graph/serviceprincipals","operationId":"Service Principals_Create","scopes":["vso.graph_manage"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/serviceprincipals/{servicePrincipalDescriptor}","operationId":"Service Principals_Get","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"DELETE","path":"/{organization}/_apis/graph/serviceprincipals/{servicePrincipalDescriptor}","operationId":"Service Principals_Delete","scopes":["vso.graph_manage"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/storagekeys/{subjectDescriptor}","operationId":"Storage Keys_Get","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"POST","path":"/{organization}/_apis/graph/subjectlookup","operationId":"Subject Lookup_Lookup Subjects","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"POST","path":"/{organization}/_apis/graph/subjectquery","operationId":"Subject Query_Query","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/Subjects/{subjectDescriptor}/avatars","operationId":"Avatars_Get","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"PUT","path":"/{organization}/_apis/graph/Subjects/{subjectDescriptor}/avatars","operationId":"Avatars_Set Avatar","scopes":["vso.graph_manage"]},
  {"spec":"graph-7.1.json","method":"DELETE","path":"/{organization}/_apis/graph/Subjects/{subjectDescriptor}/avatars","operationId":"Avatars_Delete","scopes":["vso.graph_manage"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/users","operationId":"Users_List","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"POST","path":"/{organization}/_apis/graph/users","operationId":"Users_Create","scopes":["vso.graph_manage"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/users/{userDescriptor}","operationId":"Users_Get","scopes":["vso.graph"]},
  {"spec":"graph-7.1.json","method":"PATCH","path":"/{organization}/_apis/graph/users/{userDescriptor}","operationId":"Users_Update","scopes":["vso.graph_manage"]},
  {"spec":"graph-7.1.json","method":"DELETE","path":"/{organization}/_apis/graph/users/{userDescriptor}","operationId":"Users_Delete","scopes":["vso.graph_manage"]},
  {"spec":"graph-7.1.json","method":"GET","path":"/{organization}/_apis/graph/Users/{userDescriptor}/providerinfo","operationId":"Provider Info_Get","scopes":["vso.graph"]},
];
