// The members of a territory: who has which role; invite, change roles, remove (admins only).
import { territoryRoles } from "../../../db/schema/index.js";
import { formatDateTime } from "../../../lib/format.js";
import { Notice, TableScroll } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, Checkboxes, CsrfField, ErrorSummary, TextInput, type FieldErrors } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import { roleLabels } from "../accounts.policy.js";
import type { MemberRow } from "../members.queries.js";

const notices: Record<string, string> = {
  invitation: "L'invitation a été envoyée par courriel.",
  roles: "Les rôles ont été modifiés.",
  retrait: "La personne a été retirée du territoire.",
  "aucun-role": "Rien n'a été modifié : choisissez au moins un rôle, ou retirez la personne.",
};

const roleOptions = territoryRoles.map((r) => ({ value: r, text: roleLabels[r] }));

type Props = {
  ctx: PageContext;
  members: MemberRow[];
  canManage: boolean;
  notice?: string;
  values?: { email: string; displayName: string; roles: string[] };
  errors?: FieldErrors;
};

/** Members list, with the invitation form for admins. */
export function MembersPage({ ctx, members, canManage, notice, values, errors = {} }: Props) {
  const hasErrors = Object.keys(errors).length > 0;
  return (
    <Layout ctx={ctx} title="Membres" hasErrors={hasErrors}>
      <ErrorSummary errors={errors} />
      {notice && notices[notice] ? <Notice title={notices[notice]!} success={notice !== "aucun-role"} /> : null}
      <h1 class="govuk-heading-l">Membres du territoire</h1>
      <TableScroll label={`${members.length} personnes`}>
        <table class="govuk-table">
          <caption class="govuk-table__caption govuk-table__caption--m">{members.length} personnes</caption>
          <thead class="govuk-table__head">
            <tr class="govuk-table__row">
              <th scope="col" class="govuk-table__header">Personne</th>
              <th scope="col" class="govuk-table__header">Rôles</th>
              <th scope="col" class="govuk-table__header">Dernière connexion</th>
              {canManage ? <th scope="col" class="govuk-table__header">Modifier</th> : null}
            </tr>
          </thead>
          <tbody class="govuk-table__body">
            {members.map((m) => (
              <tr class="govuk-table__row">
                <td class="govuk-table__cell">
                  {m.displayName ? <>{m.displayName}<br /></> : null}
                  {m.email}
                </td>
                <td class="govuk-table__cell">{m.roles.map((r) => roleLabels[r]).join(", ")}</td>
                <td class="govuk-table__cell">{m.lastSignInAt ? formatDateTime(m.lastSignInAt, true) : "Jamais"}</td>
                {canManage ? (
                  <td class="govuk-table__cell">
                    <details class="govuk-details">
                      <summary class="govuk-details__summary">
                        <span class="govuk-details__summary-text">
                          Rôles de {m.displayName || m.email}
                        </span>
                      </summary>
                      <div class="govuk-details__text">
                        <form method="post" action={`/t/${ctx.territory!.code}/membres/${m.userId}`}>
                          <CsrfField token={ctx.csrfToken} />
                          <Checkboxes name="roles" label="Rôles" legendSize="s" small options={roleOptions.map((o) => ({ ...o }))} values={m.roles} />
                          <Button secondary name="action" value="roles">Enregistrer les rôles</Button>{" "}
                          {m.userId === ctx.actor?.userId ? null : (
                            <Button secondary name="action" value="retirer">Retirer du territoire</Button>
                          )}
                        </form>
                      </div>
                    </details>
                  </td>
                ) : null}
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
      {canManage ? (
        <form method="post" action={`/t/${ctx.territory!.code}/membres`} novalidate>
          <h2 class="govuk-heading-m">Inviter une personne</h2>
          <CsrfField token={ctx.csrfToken} />
          <TextInput name="email" label="Adresse électronique" type="email" autocomplete="off" spellcheck={false} value={values?.email} error={errors.email} />
          <TextInput name="displayName" label="Nom (facultatif)" value={values?.displayName} error={errors.displayName} />
          <Checkboxes name="roles" label="Rôles" hint="Une personne peut avoir plusieurs rôles." options={roleOptions} values={values?.roles} error={errors.roles} />
          <Button>Envoyer l'invitation</Button>
        </form>
      ) : null}
    </Layout>
  );
}
