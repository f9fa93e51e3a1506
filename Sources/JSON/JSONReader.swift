// The JSON pull reader lands with the Feeds work.
