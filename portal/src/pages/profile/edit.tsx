/** Edit your profile: headline, skills with levels (taxonomy autocomplete), interests,
 * aspirations, the skills you mentor in and the hours you have. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { MyProfileQuery } from "../../../generated/graphql";
import { request } from "../../api/client";
import { commaList, useSubmit } from "../../api/useSubmit";
import { SkillList, type SkillEntry } from "../../components/skilllist";
import { Field, FormErrors } from "../../components/ui";

const UPDATE = graphql(`
  mutation UpdateMyProfile($input: UpdateProfileInput!) {
    updateMyProfile(input: $input) {
      __typename
      ... on Person {
        id
      }
      ...Refusal
    }
  }
`);

type Me = NonNullable<MyProfileQuery["me"]>;

const SHOWN = ["headline", "interests", "aspirations", "mentoringSkills", "availableHoursPerWeek"];

export function ProfileForm({ me, onSaved }: { me: Me; onSaved: () => void }) {
  const [headline, setHeadline] = useState(me.headline);
  const [skills, setSkills] = useState<SkillEntry[]>(
    me.skills.map((s) => ({ name: s.skill.name, level: s.level })),
  );
  const [interests, setInterests] = useState(me.interests.join(", "));
  const [aspirations, setAspirations] = useState(me.aspirations);
  const [mentoring, setMentoring] = useState<string[]>(me.mentoringSkills.map((s) => s.name));
  const [hours, setHours] = useState(me.availableHoursPerWeek?.toString() ?? "");
  const submit = useSubmit();
  const { errors } = submit;
  const shown = [...SHOWN, ...Object.keys(errors).filter((k) => k.startsWith("skills"))];

  function toggleMentoring(name: string, on: boolean) {
    setMentoring(on ? [...mentoring, name] : mentoring.filter((n) => n !== name));
  }

  function send(e: Event) {
    e.preventDefault();
    const hoursNumber = hours.trim() === "" ? null : Number(hours);
    if (hoursNumber !== null && !Number.isInteger(hoursNumber)) {
      return submit.setErrors({ availableHoursPerWeek: "Enter whole hours." });
    }
    const names = new Set(skills.map((s) => s.name));
    const input = {
      headline,
      skills: skills.map(({ name, level }) => ({ name, level })),
      interests: commaList(interests),
      aspirations,
      mentoringSkills: mentoring.filter((n) => names.has(n)),
      availableHoursPerWeek: hoursNumber,
    };
    void submit.run(
      async () => (await request(UPDATE, { input })).updateMyProfile,
      "Person",
      onSaved,
    );
  }

  return (
    <form class="stack" onSubmit={send} noValidate aria-label="Your profile">
      <Field
        label="Headline"
        name="headline"
        value={headline}
        onInput={setHeadline}
        errors={errors}
      />
      <SkillList
        legend="Skills"
        field="skills"
        skills={skills}
        onChange={setSkills}
        errors={errors}
      />
      <Field
        label="Interests"
        name="interests"
        hint="Separate them with commas"
        value={interests}
        onInput={setInterests}
        errors={errors}
      />
      <Field
        label="Aspirations"
        name="aspirations"
        hint="Where you want to grow"
        value={aspirations}
        onInput={setAspirations}
        errors={errors}
        multiline
      />
      <fieldset class={errors.mentoringSkills ? "group invalid" : "group"}>
        <legend>I offer mentoring in</legend>
        {skills.length === 0 && <p class="muted">Add skills first.</p>}
        {skills.map((s) => (
          <label key={s.name} class="check">
            <input
              type="checkbox"
              checked={mentoring.includes(s.name)}
              onChange={(e) => toggleMentoring(s.name, e.currentTarget.checked)}
            />
            {s.name}
          </label>
        ))}
        {errors.mentoringSkills && <p class="field-error">{errors.mentoringSkills}</p>}
      </fieldset>
      <Field
        label="Hours a week for gigs and mentoring"
        name="availableHoursPerWeek"
        type="number"
        value={hours}
        onInput={setHours}
        errors={errors}
      />
      <FormErrors errors={errors} shown={shown} />
      <div class="actions">
        <button type="submit" class="primary" disabled={submit.busy}>
          Save profile
        </button>
      </div>
    </form>
  );
}
