# The home page.

home-title = Shaping services together
home-heading = { $place }: shaping services together
home-lead-before = This is where the people who live here and the organisations that serve them (the council, charities, health services, local businesses) change public services together. Not services done
home-lead-to = to
home-lead-middle = people, but services made
home-lead-with = with
home-lead-after = them.
home-how = How it works
home-idea = Bring an idea
home-idea-text = Suggest a change to a service and say what would be different for the people it is for. Others can back it, and everyone can follow it from idea to delivery, and then say whether it made a difference.
home-design = Design it together
home-design-text = People who use a service and the organisations that run it work side by side, on shared boards, in workshops and online.
home-decide = Decide with an equal voice
home-decide-text = A decision can need agreement from residents as well as from organisations, so nobody's voice counts for less.
home-story = Your story, your choice
home-story-text = If you share your experience, you decide who may use it and for what. You can see every time it is used, and take it back at any time.
home-start = Start from what is already here
home-start-text = The skills, spaces, groups and services that people and organisations already have are on one map, so new ideas can build on them.
home-data = Your data stays yours
home-data-text = What you write here belongs to you. You choose who can see it, you can download all of it, and you can leave and take it with you. Read the
home-data-link = privacy statement
home-data-after = to see what we keep and why.
