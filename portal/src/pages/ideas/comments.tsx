/** The discussion under an idea: add a comment, edit or delete your own. */
import { useState } from "preact/hooks";
import { graphql } from "../../../generated";
import type { IdeaPageQuery } from "../../../generated/graphql";
import { request } from "../../api/client";
import { useSubmit } from "../../api/useSubmit";
import { currentSession } from "../../api/session";
import { Field, FormErrors, when } from "../../components/ui";

type Comment = NonNullable<IdeaPageQuery["idea"]>["comments"][number];

const ADD = graphql(`
  mutation CommentOnIdea($id: ID!, $body: String!) {
    commentOnIdea(id: $id, body: $body) {
      __typename
      ...Refusal
    }
  }
`);

const EDIT = graphql(`
  mutation EditComment($id: ID!, $body: String!) {
    editComment(id: $id, body: $body) {
      __typename
      ...Refusal
    }
  }
`);

const DELETE = graphql(`
  mutation DeleteComment($id: ID!) {
    deleteComment(id: $id) {
      __typename
      ...Refusal
    }
  }
`);

interface Props {
  ideaId: string;
  comments: Comment[];
  onChange: () => void;
}

export function Comments({ ideaId, comments, onChange }: Props) {
  const me = currentSession()?.person.id;
  return (
    <section aria-labelledby="comments-h">
      <h2 id="comments-h">Comments ({comments.length})</h2>
      {comments.length === 0 && <p class="muted">No comments yet: start the discussion.</p>}
      <ul class="comments">
        {comments.map((c) => (
          <CommentItem key={c.id} comment={c} mine={c.author?.id === me} onChange={onChange} />
        ))}
      </ul>
      <CommentForm
        label="Add a comment"
        submitLabel="Comment"
        onSave={async (body) => (await request(ADD, { id: ideaId, body })).commentOnIdea}
        onSaved={onChange}
      />
    </section>
  );
}

function CommentItem({
  comment,
  mine,
  onChange,
}: {
  comment: Comment;
  mine: boolean;
  onChange: () => void;
}) {
  const [editing, setEditing] = useState(false);
  const [error, setError] = useState<string | null>(null);
  async function remove() {
    const result = (await request(DELETE, { id: comment.id })).deleteComment;
    if (result.__typename === "CommentDeleted") onChange();
    else if ("message" in result) setError(result.message);
  }
  if (editing) {
    return (
      <li>
        <CommentForm
          label="Edit your comment"
          submitLabel="Save"
          initial={comment.body}
          onCancel={() => setEditing(false)}
          onSaved={onChange}
          onSave={async (body) => (await request(EDIT, { id: comment.id, body })).editComment}
        />
      </li>
    );
  }
  return (
    <li>
      <p class="meta">
        <strong>{comment.author?.name ?? "Someone"}</strong>
        <time dateTime={comment.createdAt}>{when(comment.createdAt)}</time>
        {comment.edited && <span>(edited)</span>}
      </p>
      <p>{comment.body}</p>
      {mine && (
        <p class="row">
          <button type="button" class="link" onClick={() => setEditing(true)}>
            Edit
          </button>
          <button type="button" class="link danger" onClick={remove}>
            Delete
          </button>
        </p>
      )}
      {error && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </li>
  );
}

interface FormProps {
  label: string;
  submitLabel: string;
  initial?: string;
  /** The mutation's result: a Comment, or what refused it. */
  onSave: (body: string) => Promise<{ __typename: string }>;
  onSaved: () => void;
  onCancel?: () => void;
}

function CommentForm(props: FormProps) {
  const [body, setBody] = useState(props.initial ?? "");
  const { errors, busy, run } = useSubmit();
  function submit(e: Event) {
    e.preventDefault();
    void run(
      () => props.onSave(body),
      "Comment",
      () => {
        setBody("");
        props.onSaved();
      },
    );
  }
  return (
    <form class="stack" onSubmit={submit} noValidate>
      <Field
        label={props.label}
        name="body"
        value={body}
        onInput={setBody}
        errors={errors}
        multiline
      />
      <FormErrors errors={errors} shown={["body"]} />
      <div class="actions">
        <button type="submit" disabled={busy}>
          {props.submitLabel}
        </button>
        {props.onCancel && (
          <button type="button" class="link" onClick={props.onCancel}>
            Cancel
          </button>
        )}
      </div>
    </form>
  );
}
