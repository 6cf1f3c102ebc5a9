// Consultations: a member territory answers each question; the facilitator reads the synthesis and exports it.
import { plural } from "../../../lib/format.js";
import { Notice } from "../../../ui/components.js";
import type { PageContext } from "../../../ui/context.js";
import { Button, CsrfField, ErrorSummary, Textarea } from "../../../ui/form.js";
import { Layout } from "../../../ui/layout.js";
import type { ConsultationRow, QuestionWithAnswers } from "../consultations.js";

const dateFr = (iso: string) => iso.split("-").reverse().join("/");

function Answers({ q, except }: { q: QuestionWithAnswers; except?: number }) {
  const shown = q.answers.filter((a) => a.territoryId !== except);
  if (shown.length === 0) return null;
  return (
    <>
      {shown.map((a) => (
        <blockquote class="govuk-inset-text">
          <p class="govuk-body-s govuk-!-margin-bottom-1">{a.territoryName}</p>
          <p class="govuk-body maillage-pre-line">{a.body}</p>
        </blockquote>
      ))}
    </>
  );
}

export function TerritoryConsultationPage({ ctx, consultation, questions, territoryId, open, canAnswer, notice, error }: { ctx: PageContext; consultation: ConsultationRow; questions: QuestionWithAnswers[]; territoryId: number; open: boolean; canAnswer: boolean; notice?: string; error?: string }) {
  const base = `/t/${ctx.territory!.code}/reseau/consultations/${consultation.id}`;
  return (
    <Layout ctx={ctx} title={consultation.title} hasErrors={Boolean(error)}>
      <a class="govuk-back-link" href={`/t/${ctx.territory!.code}/reseau`}>
        Retour au réseau
      </a>
      {error ? <ErrorSummary errors={{ formulaire: error }} /> : null}
      {notice ? <Notice title={notice} success /> : null}
      <span class="govuk-caption-l">Consultation de {consultation.askedBy}{consultation.demo ? " (démonstration)" : ""}</span>
      <h1 class="govuk-heading-l">{consultation.title}</h1>
      {consultation.body ? <p class="govuk-body maillage-pre-line">{consultation.body}</p> : null}
      <p class="govuk-body">{open ? `Vos réponses peuvent changer jusqu'au ${dateFr(consultation.closesOn)} inclus.` : `Close depuis le ${dateFr(consultation.closesOn)}.`}</p>
      {questions.map((q) => {
        const mine = q.answers.find((a) => a.territoryId === territoryId);
        return (
          <section aria-labelledby={`question-${q.id}`}>
            <h2 class="govuk-heading-m" id={`question-${q.id}`}>
              Question {q.position}
            </h2>
            <p class="govuk-body-l">{q.text}</p>
            {open && canAnswer ? (
              <form method="post" action={`${base}/reponses`}>
                <CsrfField token={ctx.csrfToken} />
                <input type="hidden" name="question" value={String(q.id)} />
                <Textarea name={`reponse-${q.id}`} label={`La réponse de ${ctx.territory!.name}`} value={mine?.body} rows={5} />
                <Button secondary>{mine ? "Modifier la réponse" : "Enregistrer la réponse"}</Button>
              </form>
            ) : mine ? (
              <>
                <h3 class="govuk-heading-s">La réponse de {ctx.territory!.name}</h3>
                <p class="govuk-body maillage-pre-line">{mine.body}</p>
              </>
            ) : null}
            <h3 class="govuk-heading-s">Les autres territoires ({q.answers.filter((a) => a.territoryId !== territoryId).length})</h3>
            <Answers q={q} except={territoryId} />
          </section>
        );
      })}
    </Layout>
  );
}

export function FacilitatorConsultationPage({ ctx, consultation, questions, members, notice }: { ctx: PageContext; consultation: ConsultationRow; questions: QuestionWithAnswers[]; members: number; notice?: string }) {
  const base = `/reseau/animation/consultations/${consultation.id}`;
  return (
    <Layout ctx={ctx} title={`Synthèse : ${consultation.title}`}>
      <a class="govuk-back-link" href="/reseau/animation">
        Retour à l'animation du réseau
      </a>
      {notice ? <Notice title={notice} success /> : null}
      <span class="govuk-caption-l">Consultation de {consultation.askedBy}, close le {dateFr(consultation.closesOn)}</span>
      <h1 class="govuk-heading-l">{consultation.title}</h1>
      {consultation.published ? (
        <p class="govuk-body">
          <a class="govuk-link" href={`${base}/synthese.docx`}>
            Télécharger la synthèse (DOCX)
          </a>{" "}
          ·{" "}
          <a class="govuk-link" href={`${base}/synthese.csv`}>
            Télécharger les réponses (CSV)
          </a>
        </p>
      ) : (
        <form method="post" action={`${base}/publier`}>
          <CsrfField token={ctx.csrfToken} />
          <p class="govuk-body">Les territoires membres ne voient pas encore cette consultation.</p>
          <Button>Publier et ouvrir les réponses</Button>
        </form>
      )}
      {questions.map((q) => (
        <section aria-labelledby={`question-${q.id}`}>
          <h2 class="govuk-heading-m" id={`question-${q.id}`}>
            Question {q.position} : {q.text}
          </h2>
          <p class="govuk-body-s">{plural(q.answers.length, "territoire a répondu", "territoires ont répondu")} sur {members}.</p>
          <Answers q={q} />
        </section>
      ))}
    </Layout>
  );
}
