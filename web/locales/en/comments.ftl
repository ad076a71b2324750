# Comments: the comments section of a proposal's page or a board's
# discussion, writing and replying, editing and deleting a comment.

comments-title = Comments
comments-none = No comments yet.
comments-conversations = { $n } { $n ->
    [one] conversation
   *[other] conversations
}, oldest first.
comments-comment = Comment
comments-comment-by = Comment by { $name }
comments-deleted-comment = Deleted comment
comments-edited = (edited)
comments-deleted-marker = [deleted]
comments-hidden-yours = Hidden by the moderators: others see “hidden by the moderators” instead.
comments-hidden-why = Why, and asking for a review
comments-hidden = Hidden by the moderators.
comments-someone = someone
comments-reply = Reply
comments-reply-to = to { $name }
comments-your-reply-to = Your reply to { $name }
comments-markdown = Format with Markdown
comments-markdown-hint = *emphasis*, **strong**, lists and links; no images.
comments-post-reply = Post the reply
comments-post-comment = Post the comment
comments-edit = Edit
comments-delete = Delete
comments-your-comment-lower = your comment
comments-flag = Flag
comments-flag-whose = the comment by { $name }
comments-flag-after = for the moderators
comments-replies = Replies
comments-pages = Pages of comments
comments-earlier = Earlier comments
comments-later = Later comments
comments-add = Add a comment
comments-add-hint = Plain text, up to { $max } characters. You can change it for 15 minutes after posting.
comments-closed-proposal = This proposal takes no new comments now.
comments-closed-board = Only the board's members take part in its discussion.
comments-confirm-email = Confirm your email address to take part in the conversation.
comments-sign-in = Sign in to comment

# Writing, editing and deleting.
comments-your-comment = Your comment
comments-body-hint = Plain text, up to { $max } characters.
comments-reply-on = Reply on { $title }
comments-comment-on = Comment on { $title }
comments-reply-on-quoted = Reply on “{ $title }”
comments-comment-on-quoted = Comment on “{ $title }”
comments-back-to-proposal = Back to the proposal
comments-replying-to = You are replying to
comments-replying-to-name = You are replying to { $name }
comments-edit-title = Edit your comment
comments-edit-text = On “{ $title }”. A comment can be changed for { $minutes } minutes after it is posted; others will see that it was edited.
comments-save = Save the comment
comments-cancel = Cancel and go back
comments-delete-title = Delete your comment
comments-delete-heading = Delete your comment?
comments-delete-text = On “{ $title }”. If others have replied, it will show as “[deleted]” so their replies still make sense; otherwise it goes altogether. This cannot be undone.
comments-delete-yes = Yes, delete it
comments-delete-no = No, go back

## Error messages: beside a field, or on a page that refuses.

comments-error-body-required = write your comment
comments-error-body-length = keep the comment to { $max } characters
comments-error-format-invalid = choose plain or markdown
comments-error-parent-unknown = reply to a comment on this same page
comments-error-edit-window-closed = a comment can be changed for { $minutes } minutes after it is posted; this one can no longer be changed, but you can delete it
comments-error-closed = this takes no comments now: only published proposals do, while the moderators are not reviewing them
comments-error-parent-unavailable = that comment was deleted or hidden, so it takes no replies
comments-error-only-author = only its author can change or delete a comment
comments-error-deleted = this comment has been deleted
