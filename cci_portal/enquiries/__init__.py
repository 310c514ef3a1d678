"""Ask the bureau: enquiries from the contact page and from project, zone and organization pages."""
