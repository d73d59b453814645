/** Your profile: what you can do and want, the mentoring you offer and receive, and the
 * improvement work that proves your skills. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import { useQuery } from "../../api/useQuery";
import { ErrorNote, Loading, PageTitle } from "../../components/ui";
import { Evidence } from "./evidence";
import { MentoringRequests } from "./mentoring";
import { ProfileForm } from "./edit";

const ME = graphql(`
  query MyProfile {
    me {
      id
      name
      title
      team
      headline
      interests
      aspirations
      availableHoursPerWeek
      skills {
        level
        skill {
          id
          name
        }
      }
      mentoringSkills {
        id
        name
      }
      evidence {
        id
        source
        sourceId
        title
        text
        occurredAt
      }
    }
  }
`);

export function ProfilePage() {
  const { data, error, loading, reload } = useQuery(ME, {});
  const [saved, setSaved] = useState(false);
  if (loading && !data) return <Loading what="your profile" />;
  const me = data?.me;
  if (!me) return <ErrorNote message={error ?? "Your profile could not be loaded."} />;
  return (
    <>
      <PageTitle>{me.name}</PageTitle>
      <p class="muted">
        {me.title}
        {me.team && ` · ${me.team}`}
      </p>
      <ErrorNote message={error} />
      {saved && (
        <p class="success" role="status">
          Profile saved.
        </p>
      )}
      <div class="split">
        <ProfileForm
          key={JSON.stringify(me)}
          me={me}
          onSaved={() => {
            setSaved(true);
            reload();
          }}
        />
        <aside class="stack">
          <MentoringRequests me={me.id} />
          <Evidence items={me.evidence} />
        </aside>
      </div>
    </>
  );
}
